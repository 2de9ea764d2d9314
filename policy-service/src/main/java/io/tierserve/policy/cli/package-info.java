/** The command line of policy-service: a picocli root with one class per subcommand. */
package io.tierserve.policy.cli;
