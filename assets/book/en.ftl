# The printed book's own words, in English. cy.ftl has the same keys, in
# Welsh. A line is `key = words`; `{ $name }` is filled in when printed.
# The section names are the app's (ui/src/lib/i18n/en.ts, sections).

section-present = My present
section-past = My past
section-future = My future
section-present-intro = Who I am, what I'm good at, and the people who matter to me.
section-past-intro = Where I have lived, the people I remember, and good memories.
section-future-intro = What I'd like to learn, try and be.

## The cover and the contents
# The title when the young person has not chosen one.
cover-title = { $name }'s life story book
# The PDF's own title, the only thing its metadata says.
document-title = Life story book
contents = Contents

## All about me
about-me = All about me
field-ethnicity = My background
field-culture = My culture
field-religion = Religion or belief
field-languages = Languages I speak
field-disability = What helps me
field-sexual-identity = Who I love
field-gender = My gender

## My people and the life map
my-people = My people
people-hint = The closest people are in the middle circle.
life-map = My life map
map-from-to = { $from } – { $to }
map-from = from { $from }
map-until = until { $to }

## A refill's instruction sheet
refill-bookmark = New pages
refill-title = New pages for { $name }'s book
refill-since = Pages added or changed since the print of { $day }. This sheet is not part of the book.
# Pages as what is put in (Welsh mutates them after "Rhowch").
refill-put-page = page { $page }
refill-put-pages = pages { $first }–{ $last }
# Pages as they are named anywhere else.
refill-page = page { $page }
refill-pages = pages { $first }–{ $last }
refill-no-pages = no pages
refill-after = Put { $pages } (“{ $title }”) after page { $after }.
refill-replace = Replace { $old } with the new { $pages } (“{ $title }”).
refill-remove-one = Take out and shred { $pages }: they are no longer in this book.
refill-remove-many = Take out and shred { $pages }: they are no longer in this book.
