-- Which content an instrument id and version name. Responses are matched and pooled by instrument
-- id and version, so one id and version must never name two contents (say, two packs with the
-- same questions but different reverse-scored items): the first pack to publish them records its
-- content hash here (SHA-256 of the instrument's canonical JSON), and a later pack bringing other
-- content under the same id and version is refused. V12 fills this from the packs already stored.

CREATE TABLE published_instrument (
    instrument_id         VARCHAR(64)   NOT NULL,
    version               INTEGER       NOT NULL,
    content_hash          VARCHAR(64)   NOT NULL,
    pack_id               VARCHAR(100)  NOT NULL,
    pack_version          INTEGER       NOT NULL,
    published_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_published_instrument PRIMARY KEY (instrument_id, version)
);
