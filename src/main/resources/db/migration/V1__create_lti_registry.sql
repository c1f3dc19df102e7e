-- Platforms (LMS registrations), their deployments and Tandem's own signing keys.
-- Portable SQL: runs on H2 (embedded default) and PostgreSQL (production).

CREATE SEQUENCE lti_platform_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE lti_platform (
    id                    BIGINT        PRIMARY KEY,
    issuer                VARCHAR(512)  NOT NULL,
    client_id             VARCHAR(255)  NOT NULL,
    name                  VARCHAR(255)  NOT NULL,
    auth_login_url        VARCHAR(1024) NOT NULL,
    token_url             VARCHAR(1024),
    jwks_url              VARCHAR(1024) NOT NULL,
    deployment_policy     VARCHAR(32)   NOT NULL,
    clock_skew_seconds    INTEGER       NOT NULL,
    frame_origins         VARCHAR(2048),
    source                VARCHAR(32)   NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_lti_platform_issuer_client UNIQUE (issuer, client_id)
);

CREATE SEQUENCE lti_deployment_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE lti_deployment (
    id                    BIGINT        PRIMARY KEY,
    platform_id           BIGINT        NOT NULL REFERENCES lti_platform (id) ON DELETE CASCADE,
    deployment_id         VARCHAR(255)  NOT NULL,
    admitted_by_policy    BOOLEAN       NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_lti_deployment UNIQUE (platform_id, deployment_id)
);

CREATE TABLE lti_tool_key (
    kid                   VARCHAR(128)  PRIMARY KEY,
    jwk_json              VARCHAR       NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    retired_at            TIMESTAMP WITH TIME ZONE,
    published_until       TIMESTAMP WITH TIME ZONE
);
