-- While a stream is interrupted (inside its reconnect window) its pushes send the slate.
ALTER TABLE stream ADD COLUMN on_slate boolean NOT NULL DEFAULT false;
