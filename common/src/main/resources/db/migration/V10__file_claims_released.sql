-- How many of a file's claims a stopping worker gave back unfinished. Those do not count toward
-- geoingest.worker.max-claims, which is there to stop a file that keeps killing its workers, not a
-- file whose workers kept being stopped (rolling updates, scaling down) while they read it.
alter table file add column releases integer not null default 0;
