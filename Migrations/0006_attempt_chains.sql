-- Hash chains over each device's attempts for a learner, so an importer checks one signature
-- per run of attempts instead of one per attempt. chain_previous is the chain value before this
-- attempt (32 bytes); chain_signature is the originating device's signature of the chain value
-- after it. Both NULL for an attempt signed before chains existed (checked by its own signature).
ALTER TABLE attempt_signatures ADD COLUMN chain_previous BLOB;
ALTER TABLE attempt_signatures ADD COLUMN chain_signature BLOB;
