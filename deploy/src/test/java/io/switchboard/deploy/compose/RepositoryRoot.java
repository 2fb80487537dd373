package io.switchboard.deploy.compose;

import java.nio.file.Path;

import io.switchboard.deploy.Checkout;

/** The checkout's root: the nearest directory above the working directory that holds docker-compose.yml. */
final class RepositoryRoot {

    private RepositoryRoot() {
    }

    static Path path() {
        return Checkout.root();
    }

    static Path resolve(String relative) {
        return path().resolve(relative);
    }
}
