package io.switchboard.testing;

/**
 * The reactive datasource, declared in a service's test configuration only, that connects as the owner of the
 * service's tables: tests plant triggers, read the outbox and remove rows with it, which the service's own role
 * may not. Row-level security holds the owner too: a test reading a tenant table names the tenant first.
 */
public final class OwnerDataSource {

    public static final String NAME = "owner";

    private OwnerDataSource() {
    }
}
