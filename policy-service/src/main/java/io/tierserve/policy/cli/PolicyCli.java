package io.tierserve.policy.cli;

/** Command-line entry point of policy-service. */
public final class PolicyCli {

    private PolicyCli() {}

    public static void main(String[] args) {
        System.out.println("policy-service: subcommands arrive with the policy-service issue");
    }
}
