package com.salesconnect.tasksync.architecture;

import org.junit.jupiter.api.Test;

import static com.salesconnect.tasksync.architecture.CoreClasses.CORE;
import static com.salesconnect.tasksync.architecture.CoreClasses.ROOT;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Core's packages depend one way (README.md beside the pom draws the graph): the typed ids at the very bottom, the
 * entities and ports above them, the rules and the Salesforce client above those, the sync services above them, the
 * wiring on top. A package cycle, or an arrow pointing down the wrong way, fails here with the classes that make it.
 */
class PackageGraphTest {

    @Test
    void corePackagesHaveNoCycle() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void theIdsDependOnNothingElseInCore() {
        noClasses().that().resideInAPackage(ROOT + ".id..")
                .should().dependOnClassesThat().resideOutsideOfPackages(ROOT + ".id..", "java..")
                .check(CORE);
    }

    @Test
    void theEntitiesDependOnNothingAboveThem() {
        noClasses().that().resideInAnyPackage(ROOT + ".task..", ROOT + ".settings..", ROOT + ".link..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".store..", ROOT + ".rules..",
                        ROOT + ".salesforce..", ROOT + ".sync..", ROOT + ".wiring..")
                .check(CORE);
    }

    @Test
    void theStoresKnowNoRuleNoServiceAndNoSalesforce() {
        noClasses().that().resideInAPackage(ROOT + ".store..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".rules..", ROOT + ".salesforce..",
                        ROOT + ".sync..", ROOT + ".wiring..", ROOT + ".runtime..")
                .check(CORE);
    }

    @Test
    void theRulesAndTheSalesforceClientKnowNoService() {
        noClasses().that().resideInAnyPackage(ROOT + ".rules..", ROOT + ".salesforce..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".sync..", ROOT + ".wiring..")
                .check(CORE);
    }

    @Test
    void onlyTheWiringBuildsTheAdapters() {
        noClasses().that().resideOutsideOfPackages(ROOT + ".wiring..", ROOT + ".store.dynamodb..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".store.dynamodb..")
                .check(CORE);
    }
}
