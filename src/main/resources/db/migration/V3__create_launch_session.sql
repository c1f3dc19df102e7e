-- A launch session: what Tandem pages know about the person after a verified launch.
-- Pages carry an opaque random token (only its SHA-256 is stored) instead of a session cookie,
-- because the LMS frames Tandem and browsers block third-party cookies.

CREATE TABLE launch_session (
    token_hash            VARCHAR(64)   PRIMARY KEY,
    platform_id           BIGINT        NOT NULL,
    issuer                VARCHAR(512)  NOT NULL,
    deployment_id         VARCHAR(255)  NOT NULL,
    context_id            VARCHAR(255),
    context_title         VARCHAR(512),
    resource_link_id      VARCHAR(255),
    resource_link_title   VARCHAR(512),
    message_type          VARCHAR(64)   NOT NULL,
    subject               VARCHAR(255)  NOT NULL,
    display_name          VARCHAR(512),
    email                 VARCHAR(512),
    roles                 VARCHAR(512)  NOT NULL,
    lti_roles             VARCHAR(4000) NOT NULL,
    custom_json           VARCHAR(8000),
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at            TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_launch_session_expires ON launch_session (expires_at);

-- The built-in demo LTI platform's own signing key (only used when the demo is enabled).
CREATE TABLE demo_platform_key (
    kid                   VARCHAR(128)  PRIMARY KEY,
    jwk_json              VARCHAR       NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL
);
