-- Every login counts the platform's logins still waiting for their launch (the bound of
-- tandem.lti.login-states-per-platform): this index makes that count a range of one platform's
-- unexpired rows instead of every unexpired row of every platform.
CREATE INDEX ix_lti_login_state_platform ON lti_login_state (platform_id, expires_at);
