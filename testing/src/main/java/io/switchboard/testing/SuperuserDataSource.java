package io.switchboard.testing;

/**
 * The reactive datasource, declared in a service's test configuration only, that connects as the test server's
 * superuser, as an operator would: tests plant triggers, read the outbox and remove rows behind the service's back
 * with it, across tenants, which neither the service's role nor the tables' owner may (row-level security holds
 * the owner too).
 */
public final class SuperuserDataSource {

    public static final String NAME = "superuser";

    private SuperuserDataSource() {
    }
}
