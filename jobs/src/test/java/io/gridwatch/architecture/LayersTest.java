package io.gridwatch.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Tag;

/**
 * The house's floors, as docs/architecture.md draws them: commands on top; the jobs and their services; the
 * operators (detectors, suppression, notification, rollups, complaint cases); the connectors (ingest, sinks);
 * {@code common} below all.
 * A floor may use the floors below it, never one above; no package may depend on itself through others.
 */
@AnalyzeClasses(packages = "io.gridwatch", importOptions = ImportOption.DoNotIncludeTests.class)
@Tag("unit")
class LayersTest {

    @ArchTest
    static final ArchRule floors = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Commands").definedBy("io.gridwatch.cli..", "io.gridwatch.bench..", "io.gridwatch.demo..")
            .layer("Jobs").definedBy("io.gridwatch.job..", "io.gridwatch.topology..", "io.gridwatch.replay..",
                    "io.gridwatch.lifecycle..", "io.gridwatch.query..", "io.gridwatch.config..", "io.gridwatch.setup..",
                    "io.gridwatch.embedded..", "io.gridwatch.simulate..", "io.gridwatch.scorecard..")
            .layer("Operators").definedBy("io.gridwatch.detect..", "io.gridwatch.alerts..", "io.gridwatch.notify..",
                    "io.gridwatch.rollup..", "io.gridwatch.cases..")
            .layer("Connectors").definedBy("io.gridwatch.ingest..", "io.gridwatch.sink..")
            .layer("Common").definedBy("io.gridwatch.common..")
            .whereLayer("Commands").mayNotBeAccessedByAnyLayer()
            .whereLayer("Jobs").mayOnlyBeAccessedByLayers("Commands")
            .whereLayer("Operators").mayOnlyBeAccessedByLayers("Commands", "Jobs")
            .whereLayer("Connectors").mayOnlyBeAccessedByLayers("Commands", "Jobs", "Operators");

    @ArchTest
    static final ArchRule noCycles = slices().matching("io.gridwatch.(*)..").should().beFreeOfCycles();

    /** Within a floor too: no package and its sub-package lean on each other (notify and notify.channel, say). */
    @ArchTest
    static final ArchRule noCyclesBetweenAnyPackages = slices().matching("io.gridwatch.(**)").should().beFreeOfCycles();
}
