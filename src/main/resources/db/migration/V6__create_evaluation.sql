-- Programme evaluation: the installation's secrets (the key that turns learners' LMS ids into
-- pseudonyms, created on first use) and the audit trail of exports. Audit rows carry their
-- tenant (platform + deployment) and the actor's pseudonym, never a name or an LMS user id.
-- (secret_value, not value: VALUE is a reserved word in H2 2.x.)

CREATE TABLE tandem_secret (
    name                  VARCHAR(64)   PRIMARY KEY,
    secret_value          VARCHAR(255)  NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE SEQUENCE audit_event_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE audit_event (
    id                    BIGINT        PRIMARY KEY,
    occurred_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    platform_id           BIGINT        NOT NULL,
    deployment_id         VARCHAR(255)  NOT NULL,
    actor                 VARCHAR(64)   NOT NULL,
    action                VARCHAR(64)   NOT NULL,
    detail                VARCHAR(2000) NOT NULL
);
CREATE INDEX ix_audit_event_tenant ON audit_event (platform_id, deployment_id, occurred_at);

