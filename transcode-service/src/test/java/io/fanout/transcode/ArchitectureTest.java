package io.fanout.transcode;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The domain package is plain Java; only messaging talks to Kafka. */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.fanout.transcode");

    @Test
    void domainImportsNoFramework() {
        noClasses().that().resideInAPackage("io.fanout.transcode.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "io.smallrye..", "jakarta..",
                        "org.apache.kafka..", "io.fabric8..", "org.eclipse.microprofile..", "io.agroal..",
                        "io.fanout.transcode.api..", "io.fanout.transcode.persistence..", "io.fanout.transcode.messaging..",
                        "io.fanout.transcode.runner..",
                        "io.fanout.transcode.service..")
                .check(classes);
    }

    @Test
    void onlyMessagingTalksToKafka() {
        noClasses().that().resideOutsideOfPackage("io.fanout.transcode.messaging..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.smallrye.reactive.messaging..")
                .check(classes);
    }
}
