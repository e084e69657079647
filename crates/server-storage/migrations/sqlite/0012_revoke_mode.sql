-- Two ways to revoke a device (issue #15): lost or stolen (nothing more is
-- taken from it) or a handover (its pending work is still taken, then it
-- is wiped). When it was first revoked: the revocation list.
ALTER TABLE devices ADD COLUMN handover INTEGER NOT NULL DEFAULT 0 CHECK (handover IN (0, 1));
ALTER TABLE devices ADD COLUMN revoked_at TEXT;
