package org.tandem.roster.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.function.Supplier;

/**
 * A transaction of its own around a piece of work. A roster refresh reads what it needs, fetches
 * the membership over HTTP with no transaction (and no database connection) held open, then writes
 * everything in one transaction. Tests outside a container put a resource-local transaction here.
 */
@ApplicationScoped
public class Transactions {

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public <T> T inNew(Supplier<T> work) {
        return work.get();
    }
}
