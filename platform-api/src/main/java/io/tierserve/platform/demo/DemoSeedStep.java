package io.tierserve.platform.demo;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The record that a seed step ran on this database. */
@Entity
@Table(name = "demo_seeds")
class DemoSeedStep {

    @Id
    private String step;

    @Column(name = "applied_at")
    private Instant appliedAt;

    protected DemoSeedStep() {}

    DemoSeedStep(String step) {
        this.step = step;
        this.appliedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
