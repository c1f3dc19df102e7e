package org.tandem.platform.control;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The physical data source behind Payara's connection pool. It picks the driver from
 * {@link DatabaseSettings}, so one WAR runs on the embedded H2 file and on PostgreSQL without
 * rebuilding and without server-side resource configuration.
 */
public class ConfiguredDataSource implements DataSource {

    private volatile DataSource delegate;

    private DataSource delegate() throws SQLException {
        DataSource d = delegate;
        if (d == null) {
            synchronized (this) {
                d = delegate;
                if (d == null) {
                    d = create(DatabaseSettings.current());
                    delegate = d;
                }
            }
        }
        return d;
    }

    static DataSource create(DatabaseSettings settings) throws SQLException {
        if (settings.url().startsWith("jdbc:h2:")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(settings.url());
            h2.setUser(settings.user());
            h2.setPassword(settings.password());
            return h2;
        }
        if (settings.url().startsWith("jdbc:postgresql:")) {
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(settings.url());
            pg.setUser(settings.user());
            pg.setPassword(settings.password());
            return pg;
        }
        throw new SQLException("Unsupported database URL " + settings.url()
                + ": TANDEM_DB_URL must start with jdbc:postgresql: (production) or jdbc:h2: (embedded)");
    }

    @Override
    public Connection getConnection() throws SQLException {
        return delegate().getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        // The pool may pass its own (empty) credentials; the configured ones are the real ones.
        return delegate().getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return delegate().unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || delegate().isWrapperFor(iface);
    }
}
