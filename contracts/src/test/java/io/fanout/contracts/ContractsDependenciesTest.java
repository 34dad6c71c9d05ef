package io.fanout.contracts;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Every service depends on the contracts, so they must stay plain records plus Jackson. */
class ContractsDependenciesTest {

    @Test
    void contractsDependOnNoFramework() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.fanout.contracts");

        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("io.quarkus..", "org.apache.kafka..", "io.smallrye..", "jakarta..",
                        "io.fabric8..", "org.eclipse.microprofile..")
                .check(classes);
    }
}
