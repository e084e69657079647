-- Two ways to revoke a device (issue #15): lost or stolen (nothing more is
-- taken from it) or a handover (its pending work is still taken, then it
-- is wiped). When it was first revoked: the revocation list.
ALTER TABLE devices ADD COLUMN handover BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE devices ADD COLUMN revoked_at TIMESTAMP(0);
