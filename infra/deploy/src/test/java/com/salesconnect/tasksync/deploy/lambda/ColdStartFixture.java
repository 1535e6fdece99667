package com.salesconnect.tasksync.deploy.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salesconnect.tasksync.awsengine.AwsClients;
import com.salesconnect.tasksync.awsengine.AwsEngine;
import com.salesconnect.tasksync.awsengine.AwsEngines;
import com.salesconnect.tasksync.awsengine.AwsResources;
import com.salesconnect.tasksync.awsengine.CreatedResources;
import com.salesconnect.tasksync.awsengine.MotoServer;
import com.salesconnect.tasksync.awsengine.ResourceNaming;
import com.salesconnect.tasksync.awsengine.TemplateResources;
import com.salesconnect.tasksync.deploy.Template;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The world infra/bench/cold-start runs the function jars against, as a process the script talks to over stdin
 * and stdout: starts the AWS engine (moto_server) with the template's resources and a {@link FunctionWorld}, then
 * prints one line {@code READY {"enginePid": n, "functions": {"<LogicalId>": {"handler", "jar", "env"}}}}.
 * Each line {@code event <LogicalId>} on stdin is answered with {@code EVENT <json>}, that function's cold-start
 * event made fresh; end of input stops everything (the engine by its process id).
 */
public final class ColdStartFixture {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ColdStartFixture() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        // Everything but the protocol's lines goes to stderr (the SDK and emulator log there too).
        System.setOut(System.err);
        try (AwsEngine engine = AwsEngines.start(AwsEngines.configuredChoice());
             AwsClients clients = AwsClients.connect(engine)) {
            CreatedResources created = TemplateResources.load().create(clients, ResourceNaming.NONE);
            try (FunctionWorld world = FunctionWorld.start(new AwsResources(engine.describe(), clients, created))) {
                ObjectNode ready = JSON.createObjectNode();
                ready.put("engine", engine.describe());
                if (engine instanceof MotoServer moto) {
                    ready.put("enginePid", moto.pid());
                }
                ObjectNode functions = ready.putObject("functions");
                for (Template.Function f : Template.functions()) {
                    ObjectNode function = functions.putObject(f.logicalId());
                    function.put("handler", f.handler());
                    function.put("jar", Template.repositoryRoot().resolve(f.codeUri()).toAbsolutePath().toString());
                    function.set("env", JSON.valueToTree(world.environment(f)));
                }
                out.println("READY " + ready);
                serve(world, out);
            }
        }
    }

    private static void serve(FunctionWorld world, PrintStream out) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] command = line.trim().split("\\s+");
            if (command.length == 2 && command[0].equals("event")) {
                try {
                    out.println("EVENT " + JSON.readTree(world.coldStartEvent(command[1])));
                } catch (RuntimeException e) {
                    out.println("ERROR " + e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            } else if (!line.isBlank()) {
                out.println("ERROR unknown command; use: event <LogicalId>");
            }
        }
    }
}
