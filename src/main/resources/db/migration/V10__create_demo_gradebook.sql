-- The demo platform's side of Deep Linking, AGS and NRPS (only used when the demo is enabled).
-- It keeps what an LMS keeps: the links a trainer placed with deep linking, the gradebook
-- columns (line items), every score Tandem posted and the gradebook cell each score updates,
-- plus what it needs to refuse replays and a switch that plays "the LMS is down".

-- Deep-linking requests the demo sent: the response must echo data, once, within the hour.
CREATE TABLE demo_deep_link_request (
    data_value            VARCHAR(64)   PRIMARY KEY,
    person                VARCHAR(32)   NOT NULL,
    return_url            VARCHAR(2000) NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    answered_at           TIMESTAMP WITH TIME ZONE
);

-- Nonces of deep-linking responses and jtis of client assertions already used, until they expire.
CREATE TABLE demo_used_id (
    used_id               VARCHAR(300)  PRIMARY KEY,
    expires_at            TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_demo_used_id_expires ON demo_used_id (expires_at);

-- Course links placed by deep linking (resource link id 'placed-<id>'), in the order placed.
CREATE SEQUENCE demo_course_link_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE demo_course_link (
    id                    BIGINT        PRIMARY KEY,
    title                 VARCHAR(255)  NOT NULL,
    link_text             VARCHAR(2000),
    url                   VARCHAR(2000),
    custom_json           VARCHAR(4000) NOT NULL,
    line_item_id          BIGINT,
    placed_by             VARCHAR(64)   NOT NULL,
    placed_at             TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Gradebook columns, created by deep linking or by the tool through the line items service.
CREATE SEQUENCE demo_line_item_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE demo_line_item (
    id                    BIGINT        PRIMARY KEY,
    label                 VARCHAR(255)  NOT NULL,
    score_maximum         DOUBLE PRECISION NOT NULL,
    resource_id           VARCHAR(255),
    tag                   VARCHAR(255),
    resource_link_id      VARCHAR(64),
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Every score the demo accepted, as posted.
CREATE SEQUENCE demo_score_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE demo_score (
    id                    BIGINT        PRIMARY KEY,
    line_item_id          BIGINT        NOT NULL REFERENCES demo_line_item (id) ON DELETE CASCADE,
    user_id               VARCHAR(255)  NOT NULL,
    score_given           DOUBLE PRECISION,
    score_maximum         DOUBLE PRECISION,
    activity_progress     VARCHAR(16)   NOT NULL,
    grading_progress      VARCHAR(16)   NOT NULL,
    score_timestamp       TIMESTAMP WITH TIME ZONE NOT NULL,
    comment_text          VARCHAR(2000),
    received_at           TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_demo_score_cell ON demo_score (line_item_id, user_id);

-- One gradebook cell per line item and user: the latest score and how many arrived.
CREATE SEQUENCE demo_result_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE demo_result (
    id                    BIGINT        PRIMARY KEY,
    line_item_id          BIGINT        NOT NULL REFERENCES demo_line_item (id) ON DELETE CASCADE,
    user_id               VARCHAR(255)  NOT NULL,
    latest_score_id       BIGINT        NOT NULL REFERENCES demo_score (id),
    scores_received       INTEGER       NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_demo_result UNIQUE (line_item_id, user_id)
);

-- Switches of the demo platform, e.g. lms_unavailable = true while a person plays an outage.
CREATE TABLE demo_setting (
    name                  VARCHAR(64)   PRIMARY KEY,
    setting_value         VARCHAR(255)  NOT NULL,
    changed_at            TIMESTAMP WITH TIME ZONE NOT NULL
);
