package org.tandem.platform.boundary;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;

/**
 * Tandem's one data source; the URL comes from {@code TANDEM_DB_URL} (see DatabaseSettings).
 * Payara's pool keeps each connection's prepared statements (a launch runs the same dozen
 * statements every time; preparing them again was a twentieth of its CPU time) and hands out
 * any free connection without comparing it to the request (every connection is alike).
 */
@DataSourceDefinition(
        name = "java:app/jdbc/tandem",
        className = "org.tandem.platform.control.ConfiguredDataSource",
        minPoolSize = 1,
        maxPoolSize = 16,
        properties = {
                "fish.payara.statement-cache-size=64",
                "fish.payara.statement-cache-type= ",
                "fish.payara.match-connections=false"
        })
@Singleton
public class DataSourceDeclaration {
}
