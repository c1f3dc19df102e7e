-- The gradebook side of Tandem. A grade column is one graded course link (resource link) of an
-- activity and the platform's line item for it; a score event is one score on its way to that
-- line item (the outbox: written in the transaction that completes the attempt, delivered by a
-- worker, never deleted). Rows carry their tenant through the column.

CREATE SEQUENCE grade_column_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE grade_column (
    id                    BIGINT        PRIMARY KEY,
    platform_id           BIGINT        NOT NULL,
    deployment_id         VARCHAR(255)  NOT NULL,
    context_id            VARCHAR(255)  NOT NULL,
    resource_link_id      VARCHAR(255)  NOT NULL,
    title                 VARCHAR(512)  NOT NULL,
    activity_key          VARCHAR(200)  NOT NULL,
    line_item_url         VARCHAR(2000),
    line_items_url        VARCHAR(2000),
    ags_scopes            VARCHAR(2000),
    send_mode             VARCHAR(16)   NOT NULL,
    mode_by_trainer       BOOLEAN       NOT NULL,
    line_item_problem     VARCHAR(2000),
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    lock_version          INTEGER       NOT NULL,
    CONSTRAINT uq_grade_column UNIQUE (platform_id, deployment_id, context_id, resource_link_id)
);
CREATE INDEX ix_grade_column_activity ON grade_column (platform_id, deployment_id, context_id, activity_key);

CREATE SEQUENCE score_event_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE score_event (
    id                    BIGINT        PRIMARY KEY,
    column_id             BIGINT        NOT NULL REFERENCES grade_column (id),
    subject               VARCHAR(255)  NOT NULL,
    attempt_id            BIGINT,
    cause                 VARCHAR(16)   NOT NULL,
    score_given           DOUBLE PRECISION,
    score_maximum         DOUBLE PRECISION,
    activity_progress     VARCHAR(16)   NOT NULL,
    grading_progress      VARCHAR(16)   NOT NULL,
    score_comment         VARCHAR(1000),
    score_timestamp       TIMESTAMP WITH TIME ZONE NOT NULL,
    status                VARCHAR(16)   NOT NULL,
    tries                 INTEGER       NOT NULL,
    next_try_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_by            VARCHAR(64),
    claimed_until         TIMESTAMP WITH TIME ZONE,
    last_status           INTEGER,
    last_answer           VARCHAR(2000),
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at           TIMESTAMP WITH TIME ZONE,
    lock_version          INTEGER       NOT NULL
);
-- the worker's question: what is due (pending, due, not claimed)?
CREATE INDEX ix_score_event_due ON score_event (status, next_try_at);
-- order per learner and line item, and the trainer view's latest event per learner
CREATE INDEX ix_score_event_key ON score_event (column_id, subject, id);
