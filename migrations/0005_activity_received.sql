-- When the server received a timeline entry captured on a device (NULL for
-- entries that never came from a device, and before the server says so):
-- the device's own time (`at`) is the device's word, this is the server's.
ALTER TABLE activity ADD COLUMN received_at TEXT;
