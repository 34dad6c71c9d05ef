package io.fanout.publish;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The domain package is plain Java: state machines and rules that need no framework to test. */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.fanout.publish");

    @Test
    void domainImportsNoFramework() {
        noClasses().that().resideInAPackage("io.fanout.publish.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "io.smallrye..", "jakarta..",
                        "org.apache.kafka..", "io.fabric8..", "org.eclipse.microprofile..", "io.agroal..",
                        "io.fanout.publish.api..", "io.fanout.publish.persistence..", "io.fanout.publish.messaging..")
                .check(classes);
    }

    @Test
    void onlyMessagingTalksToKafka() {
        noClasses().that().resideOutsideOfPackage("io.fanout.publish.messaging..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.smallrye.reactive.messaging..")
                .check(classes);
    }
}
