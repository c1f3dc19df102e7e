package org.tandem.platform.boundary;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;

/** Tandem's one data source; the URL comes from {@code TANDEM_DB_URL} (see DatabaseSettings). */
@DataSourceDefinition(
        name = "java:app/jdbc/tandem",
        className = "org.tandem.platform.control.ConfiguredDataSource",
        minPoolSize = 1,
        maxPoolSize = 16)
@Singleton
public class DataSourceDeclaration {
}
