# Geiriau'r llyfr printiedig ei hun, yn Gymraeg: yr un allweddi ag en.ftl.
# The section names are the app's (ui/src/lib/i18n/cy.ts, sections), and
# so are "Popeth amdana i", "Fy mhobl i" and "Map fy mywyd" (book).
# Register: "chi" on the refill sheet, as on the app's Print screen.

section-present = Fy mywyd nawr
section-past = Fy ngorffennol
section-future = Fy nyfodol
section-present-intro = Pwy ydw i, beth dw i'n dda am ei wneud, a'r bobl sy'n bwysig i mi.
section-past-intro = Ble dw i wedi byw, y bobl dw i'n eu cofio, ac atgofion da.
section-future-intro = Beth hoffwn i ei ddysgu a'i drio, a beth hoffwn i fod.

## Y clawr a'r cynnwys
cover-title = Llyfr stori bywyd { $name }
document-title = Llyfr stori bywyd
contents = Cynnwys

## Popeth amdana i
about-me = Popeth amdana i
field-ethnicity = Fy nghefndir
field-culture = Fy niwylliant
field-religion = Crefydd neu gred
field-languages = Ieithoedd dw i'n eu siarad
field-disability = Beth sy'n fy helpu i
field-sexual-identity = Pwy dw i'n eu caru
field-gender = Fy rhywedd

## Fy mhobl i a map fy mywyd
my-people = Fy mhobl i
people-hint = Mae'r bobl agosaf yn y cylch canol.
life-map = Map fy mywyd
map-from-to = { $from } – { $to }
map-from = o { $from }
map-until = tan { $to }

## Taflen tudalennau newydd
refill-bookmark = Tudalennau newydd
refill-title = Tudalennau newydd ar gyfer llyfr { $name }
refill-since = Tudalennau sydd wedi'u hychwanegu neu wedi newid ers argraffu { $day }. Dydy'r daflen hon ddim yn rhan o'r llyfr.
# Ar ôl "Rhowch": treiglad meddal.
refill-put-page = dudalen { $page }
refill-put-pages = dudalennau { $first }–{ $last }
refill-page = tudalen { $page }
refill-pages = tudalennau { $first }–{ $last }
refill-no-pages = dim tudalennau
refill-after = Rhowch { $pages } (“{ $title }”) ar ôl tudalen { $after }.
refill-replace = Rhowch { $pages } newydd (“{ $title }”) yn lle { $old }.
refill-remove-one = Tynnwch dudalen { $pages } allan a'i rhwygo'n fân: dydy hi ddim yn y llyfr hwn mwyach.
refill-remove-many = Tynnwch dudalennau { $pages } allan a'u rhwygo'n fân: dydyn nhw ddim yn y llyfr hwn mwyach.
