package com.salesconnect.tasksync.desugar;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.tree.ClassNode;

/**
 * Turns the lambdas and method references of a jar into classes in the jar, as a build step after shrinking.
 *
 * <p>The JVM otherwise spins a hidden class for each lambda site the first time it runs, through
 * LambdaMetafactory and method handles: a function's cold start spins 770 to 1,030 of them (most in the AWS SDK),
 * about 0.2 ms each, where loading a small class from the jar costs a fraction of that. What a lambda does is
 * unchanged: the generated class calls javac's lambda body or the referenced method, with LambdaMetafactory's
 * conversions. Records' {@code equals}, {@code hashCode} and {@code toString} become plain methods of the record
 * ({@link RecordMethods}). Left as they are: serializable lambdas, other bootstraps (string concatenation), and the
 * classes under {@code META-INF/versions}.
 */
public final class LambdaDesugarer {

    /** 1980-02-01T00:00:00Z: reproducible jars; a zip header's own date field holds it (1980 and later). */
    private static final long FIXED_TIME = 318211200000L;

    private LambdaDesugarer() {
    }

    /** {@code LambdaDesugarer <input jar> <output jar>}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: LambdaDesugarer <input jar> <output jar>");
        }
        Result result = desugar(Path.of(args[0]), Path.of(args[1]));
        System.out.printf("lambda-desugar: %s: %,d lambda sites in %,d classes, %,d classes generated, %,d record"
                        + " method sites%n", Path.of(args[1]).getFileName(), result.sites(), result.hosts(),
                result.generated(), result.recordSites());
    }

    /** What a run changed: lambda sites, the classes holding them, classes generated, records' method sites. */
    public record Result(int sites, int hosts, int generated, int recordSites) {
    }

    /** Reads the jar at {@code in}, writes the desugared jar to {@code out} (entries in the same order). */
    public static Result desugar(Path in, Path out) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream raw = Files.newInputStream(in); ZipInputStream zip = new ZipInputStream(raw)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (!e.isDirectory()) {
                    entries.put(e.getName(), zip.readAllBytes());
                }
            }
        }
        Desugared desugared = desugar(entries);
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        try (OutputStream raw = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(raw)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            for (Map.Entry<String, byte[]> e : desugared.entries().entrySet()) {
                zip.putNextEntry(entry(e.getKey(), e.getValue()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return desugared.result();
    }

    /**
     * The entries of a jar (name to bytes, in order) with its classes desugared: a rewritten class keeps its place,
     * the generated classes follow the jar's entries. Entries left unchanged are the same arrays.
     */
    static Desugared desugar(Map<String, byte[]> entries) {
        Map<String, Host> hosts = new LinkedHashMap<>();
        Map<String, ClassNode> records = new HashMap<>();
        int recordSites = 0;
        Map<String, List<LambdaSite>> byShape = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            String name = e.getKey();
            if (!name.endsWith(".class") || name.startsWith("META-INF/") || name.endsWith("module-info.class")) {
                continue;
            }
            ClassNode node = new ClassNode();
            new ClassReader(e.getValue()).accept(node, 0);
            int rewritten = RecordMethods.rewrite(node);
            if (rewritten > 0) {
                records.put(name, node);
                recordSites += rewritten;
            }
            Host host = new Host(node);
            for (LambdaSite site : host.sites()) {
                byShape.computeIfAbsent(site.shape(), k -> new ArrayList<>()).add(site);
                hosts.putIfAbsent(name, host);
            }
        }
        Map<String, Integer> classesPerPackage = new HashMap<>();
        List<ClassNode> generated = new ArrayList<>();
        for (List<LambdaSite> sites : byShape.values()) {
            String pkg = sites.get(0).packageName();
            for (int from = 0; from < sites.size(); from += SharedLambdaClass.MAX_SITES) {
                String name;
                do {
                    name = pkg + "DesugaredLambdas$" + classesPerPackage.merge(pkg, 1, Integer::sum);
                } while (entries.containsKey(name + ".class"));
                List<LambdaSite> chunk = sites.subList(from, Math.min(sites.size(), from + SharedLambdaClass.MAX_SITES));
                generated.add(new SharedLambdaClass(name, chunk).build());
            }
        }
        Map<String, byte[]> result = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            Host host = hosts.get(e.getKey());
            if (host != null) {
                host.finish();
                result.put(e.getKey(), bytes(host.node()));
            } else if (records.containsKey(e.getKey())) {
                result.put(e.getKey(), bytes(records.get(e.getKey())));
            } else {
                result.put(e.getKey(), e.getValue());
            }
        }
        for (ClassNode c : generated) {
            result.put(c.name + ".class", bytes(c));
        }
        int sites = byShape.values().stream().mapToInt(List::size).sum();
        return new Desugared(result, new Result(sites, hosts.size(), generated.size(), recordSites));
    }

    /** A jar's entries after desugaring, and what changed. */
    record Desugared(Map<String, byte[]> entries, Result result) {
    }

    /**
     * An entry whose sizes and checksum are known before its data, so the jar needs no data descriptor after each
     * entry, and whose time is a fixed one a zip header holds without an extra field: about 35 bytes an entry,
     * some 200 KB of a function jar's 10 MB.
     */
    private static ZipEntry entry(String name, byte[] data) {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(FIXED_TIME);
        CRC32 crc = new CRC32();
        crc.update(data);
        entry.setCrc(crc.getValue());
        entry.setSize(data.length);
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(data);
            deflater.finish();
            byte[] buffer = new byte[8192];
            long compressed = 0;
            while (!deflater.finished()) {
                compressed += deflater.deflate(buffer);
            }
            entry.setCompressedSize(compressed);
        } finally {
            deflater.end();
        }
        return entry;
    }

    private static byte[] bytes(ClassNode c) {
        // The rewrite changes no branch and no frame of existing code (an invokedynamic becomes an invokestatic of
        // the same descriptor); the generated code carries its own frames. So only the stack sizes are computed.
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        c.accept(writer);
        return writer.toByteArray();
    }
}
