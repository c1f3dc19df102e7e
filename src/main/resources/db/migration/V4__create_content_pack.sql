-- Published content-pack versions. Every version is kept: attempts pin the version they started
-- on. content_json is the pack's canonical JSON; content_hash (SHA-256 of it) tells a re-import
-- of identical content from a changed pack that reuses a published version number.

CREATE TABLE content_pack (
    pack_id               VARCHAR(100)  NOT NULL,
    version               INTEGER       NOT NULL,
    title                 VARCHAR(1024) NOT NULL,
    content_json          VARCHAR       NOT NULL,
    content_hash          VARCHAR(64)   NOT NULL,
    source                VARCHAR(32)   NOT NULL,
    imported_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_content_pack PRIMARY KEY (pack_id, version)
);
