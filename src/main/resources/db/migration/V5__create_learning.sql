-- Learners and their attempts. Every row carries its tenant (platform + deployment, and the
-- course context for attempts) and every query filters by it.

CREATE SEQUENCE learner_profile_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE learner_profile (
    id                    BIGINT        PRIMARY KEY,
    platform_id           BIGINT        NOT NULL,
    deployment_id         VARCHAR(255)  NOT NULL,
    subject               VARCHAR(255)  NOT NULL,
    professional_group    VARCHAR(16),
    group_source          VARCHAR(16),
    consent               BOOLEAN,
    consent_at            TIMESTAMP WITH TIME ZONE,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_learner_profile UNIQUE (platform_id, deployment_id, subject)
);

CREATE SEQUENCE attempt_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE attempt (
    id                    BIGINT        PRIMARY KEY,
    platform_id           BIGINT        NOT NULL,
    deployment_id         VARCHAR(255)  NOT NULL,
    context_id            VARCHAR(255)  NOT NULL,
    subject               VARCHAR(255)  NOT NULL,
    professional_group    VARCHAR(16),
    activity_kind         VARCHAR(16)   NOT NULL,
    activity_id           VARCHAR(64)   NOT NULL,
    phase                 VARCHAR(8),
    pack_id               VARCHAR(64)   NOT NULL,
    pack_version          INTEGER       NOT NULL,
    seat                  VARCHAR(16),
    status                VARCHAR(16)   NOT NULL,
    state_json            VARCHAR       NOT NULL,
    score                 DOUBLE PRECISION,
    started_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at          TIMESTAMP WITH TIME ZONE,
    lock_version          INTEGER       NOT NULL
);
CREATE INDEX ix_attempt_learner ON attempt (platform_id, deployment_id, subject, activity_kind, activity_id);
CREATE INDEX ix_attempt_activity ON attempt (platform_id, deployment_id, activity_kind, activity_id, status);
