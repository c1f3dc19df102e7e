-- OIDC login state and nonce live in the database so that any instance can finish a launch
-- that another instance started; consumed rows stay until they expire so a replay is named as one.

CREATE TABLE lti_login_state (
    state                 VARCHAR(128)  PRIMARY KEY,
    nonce                 VARCHAR(128)  NOT NULL,
    platform_id           BIGINT        NOT NULL REFERENCES lti_platform (id) ON DELETE CASCADE,
    login_hint            VARCHAR(1024) NOT NULL,
    lti_message_hint      VARCHAR(2048),
    target_link_uri       VARCHAR(2048) NOT NULL,
    deployment_id         VARCHAR(255),
    storage_target        VARCHAR(255),
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    consumed_at           TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uq_lti_login_nonce UNIQUE (nonce)
);
CREATE INDEX ix_lti_login_state_expires ON lti_login_state (expires_at);

-- Launch diagnostics: the outcome of every check for the last launches of each platform.
CREATE SEQUENCE lti_launch_record_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE lti_launch_record (
    id                    BIGINT        PRIMARY KEY,
    platform_id           BIGINT        REFERENCES lti_platform (id) ON DELETE CASCADE,
    issuer                VARCHAR(512),
    client_id             VARCHAR(255),
    deployment_id         VARCHAR(255),
    message_type          VARCHAR(64),
    subject               VARCHAR(255),
    accepted              BOOLEAN       NOT NULL,
    failed_check          VARCHAR(64),
    reason                VARCHAR(2048),
    checks                VARCHAR(4000) NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_lti_launch_record_platform ON lti_launch_record (platform_id, created_at);
