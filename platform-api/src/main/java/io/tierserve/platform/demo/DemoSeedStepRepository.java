package io.tierserve.platform.demo;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface DemoSeedStepRepository extends JpaRepository<DemoSeedStep, String> {

    /** Serialises seeding across instances that start at once; released when the transaction ends. */
    @Query(value = "select 1 from pg_advisory_xact_lock(7406150300000001)", nativeQuery = true)
    Integer lockSeeding();
}
