package io.tierserve.platform.config;

/**
 * Told after a read-write transaction of this process has committed and released its connection,
 * on the committing thread, so that state derived from the database (the serving snapshot) can
 * catch up before the caller hears that its change is done.
 */
public interface CommittedWrites {

    /** Called once per committed read-write transaction; must not throw. */
    void committed();
}
