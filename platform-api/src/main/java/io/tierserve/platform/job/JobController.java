package io.tierserve.platform.job;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's recomputation jobs, newest first: status, attempts, error (dead letters) and result. */
@RestController
@RequestMapping("/api/tenants/{tenant}/jobs")
class JobController {

    private final RecomputationJobs jobs;

    JobController(RecomputationJobs jobs) {
        this.jobs = jobs;
    }

    @GetMapping
    public List<RecomputationJobs.JobSummary> list(@PathVariable String tenant) {
        return jobs.latest(tenant);
    }
}
