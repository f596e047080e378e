-- Schema 15: a forked membership log is settled on import (src/sync/merge.rs):
-- the branch that loses is taken off the end of the log and the winning
-- one appended. Links are still never changed, and are removed only inside
-- an import's transaction (`sync_replica.importing`), never by a local write.
DROP TRIGGER membership_no_delete;
CREATE TRIGGER membership_no_delete BEFORE DELETE ON membership
WHEN (SELECT importing FROM sync_replica) = 0
BEGIN SELECT RAISE(ABORT, 'the membership log is append-only'); END;
