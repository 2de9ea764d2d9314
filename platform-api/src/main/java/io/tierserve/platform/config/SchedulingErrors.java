package io.tierserve.platform.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * What a scheduled task's failure logs: a stack trace when something is wrong, one line when the
 * database cannot be reached (nothing to debug in the task), and nothing more while the database is
 * known to be down (its outage is logged once, by {@link DatabaseAvailability}).
 */
@Component
class SchedulingErrors implements ThreadPoolTaskSchedulerCustomizer {

    private static final Logger log = LoggerFactory.getLogger(SchedulingErrors.class);

    private final DatabaseAvailability database;

    SchedulingErrors(DatabaseAvailability database) {
        this.database = database;
    }

    @Override
    public void customize(ThreadPoolTaskScheduler scheduler) {
        scheduler.setErrorHandler(this::handle);
    }

    void handle(Throwable error) {
        if (!database.isUp()) {
            log.debug("Scheduled task failed while the database is unreachable: {}", error.toString());
        } else if (DatabaseAvailability.isConnectionFailure(error)) {
            log.warn("Scheduled task failed, the database did not answer: {}", error.getMessage());
        } else {
            log.error("Unexpected error in a scheduled task", error);
        }
    }
}
