-- Evidence store, version 8: a collection gap names the resource it concerns (a bucket, a region, a user, a
-- key id...), so an analyst reading "GetBucketPolicy was denied" knows which bucket's findings are errors.
-- NULL when the failed call is account-wide, and for every gap of a snapshot sealed before this version: the
-- content hash recipe leaves a NULL resource out of the gap row (docs/package-format.md), so those snapshots
-- still verify. The sealed-row triggers of collection_errors apply to the new column as to the others.
ALTER TABLE collection_errors ADD COLUMN resource TEXT;
