-- Pairs of a course and the shadowing log kept in them. Every row carries its tenant (platform +
-- deployment + course context) and every query filters by it.

-- One pairing per course; lock_version lets two trainers editing at once find out instead of
-- overwriting each other.
CREATE SEQUENCE course_pairing_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE course_pairing (
    id                    BIGINT        PRIMARY KEY,
    platform_id           BIGINT        NOT NULL,
    deployment_id         VARCHAR(255)  NOT NULL,
    context_id            VARCHAR(255)  NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by            VARCHAR(512),
    lock_version          INTEGER       NOT NULL,
    CONSTRAINT uq_course_pairing UNIQUE (platform_id, deployment_id, context_id)
);

-- Each learner of the pairing once: in pair number pair_no, or unpaired (pair_no NULL) with the reason.
-- Names and professional groups are not copied here: they are read from the roster and the
-- learners' profiles, so the pairing always shows them as they are now.
CREATE TABLE pairing_member (
    pairing_id            BIGINT        NOT NULL,
    subject               VARCHAR(255)  NOT NULL,
    pair_no               INTEGER,
    unpaired_reason       VARCHAR(64),
    CONSTRAINT fk_pairing_member FOREIGN KEY (pairing_id) REFERENCES course_pairing (id) ON DELETE CASCADE
);
CREATE INDEX ix_pairing_member ON pairing_member (pairing_id);

-- What one learner learned shadowing their partner; the partner confirms it. The partners the
-- author had when writing are kept, so an entry stays with that pair when pairs change later.
CREATE SEQUENCE shadowing_entry_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE shadowing_entry (
    id                    BIGINT        PRIMARY KEY,
    platform_id           BIGINT        NOT NULL,
    deployment_id         VARCHAR(255)  NOT NULL,
    context_id            VARCHAR(255)  NOT NULL,
    author_subject        VARCHAR(255)  NOT NULL,
    shadowed_on           DATE          NOT NULL,
    setting               VARCHAR(200)  NOT NULL,
    learned               VARCHAR(4000) NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    confirmed_by          VARCHAR(255),
    confirmed_at          TIMESTAMP WITH TIME ZONE,
    lock_version          INTEGER       NOT NULL
);
CREATE INDEX ix_shadowing_entry_course ON shadowing_entry (platform_id, deployment_id, context_id);

CREATE TABLE shadowing_partner (
    entry_id              BIGINT        NOT NULL,
    subject               VARCHAR(255)  NOT NULL,
    CONSTRAINT pk_shadowing_partner PRIMARY KEY (entry_id, subject),
    CONSTRAINT fk_shadowing_partner FOREIGN KEY (entry_id) REFERENCES shadowing_entry (id) ON DELETE CASCADE
);
