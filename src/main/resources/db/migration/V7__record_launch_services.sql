-- What a launch tells Tandem about the platform's services, kept with the launch session so
-- pages can act on it later: the AGS endpoint claim (line item, line items, scopes), the NRPS
-- memberships URL, and for deep-linking requests the settings the response must honour.
ALTER TABLE launch_session ADD COLUMN client_id VARCHAR(255);
ALTER TABLE launch_session ADD COLUMN ags_line_item VARCHAR(2000);
ALTER TABLE launch_session ADD COLUMN ags_line_items VARCHAR(2000);
ALTER TABLE launch_session ADD COLUMN ags_scopes VARCHAR(2000);
ALTER TABLE launch_session ADD COLUMN nrps_url VARCHAR(2000);
ALTER TABLE launch_session ADD COLUMN deep_linking_json VARCHAR(8000);

-- The people of a course as Tandem knows them: from their own launches and from the platform's
-- membership service (NRPS). Names are for trainers' pages only; evaluators never see them.
CREATE SEQUENCE course_member_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE course_member (
    id                    BIGINT        PRIMARY KEY,
    platform_id           BIGINT        NOT NULL,
    deployment_id         VARCHAR(255)  NOT NULL,
    context_id            VARCHAR(255)  NOT NULL,
    subject               VARCHAR(255)  NOT NULL,
    display_name          VARCHAR(512)  NOT NULL,
    email                 VARCHAR(512),
    roles                 VARCHAR(512)  NOT NULL,
    status                VARCHAR(16)   NOT NULL,
    last_launch_at        TIMESTAMP WITH TIME ZONE,
    synced_at             TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uq_course_member UNIQUE (platform_id, deployment_id, context_id, subject)
);

-- One row per course: where its membership service is and how the last roster fetch went.
CREATE TABLE course_roster (
    platform_id           BIGINT        NOT NULL,
    deployment_id         VARCHAR(255)  NOT NULL,
    context_id            VARCHAR(255)  NOT NULL,
    memberships_url       VARCHAR(2000),
    synced_at             TIMESTAMP WITH TIME ZONE,
    sync_error            VARCHAR(2000),
    sync_error_at         TIMESTAMP WITH TIME ZONE,
    lock_version          INTEGER       NOT NULL,
    CONSTRAINT pk_course_roster PRIMARY KEY (platform_id, deployment_id, context_id)
);
