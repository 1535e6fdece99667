package com.salesconnect.tasksync.desugar;

import static org.assertj.core.api.Assertions.assertThat;

import com.salesconnect.tasksync.desugar.fixture.Lambdas;
import com.salesconnect.tasksync.desugar.fixture.Records;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodNode;

class LambdaDesugarerTest {

    private static final String FIXTURE = "com/salesconnect/tasksync/desugar/fixture/";

    @Test
    void desugaredLambdasReturnWhatTheJvmsOwnReturn() throws Exception {
        List<String> original = Lambdas.transcript();
        List<String> desugared = transcript(load(LambdaDesugarer.desugar(fixtureClasses()).entries()));

        assertThat(desugared).isEqualTo(original);
        // The forms the transcript covers, spelled out, so an empty or shortened transcript cannot pass.
        assertThat(original).containsSubsequence("static", "clinit", "7,1099511627776,2.5,1.5,true,c,-3,300,t", "14",
                "1099511627778", "L!", "derived D / base D", "Base.toString D", "4", "42", "abcdef", "[added]", "3",
                "secret s", "secret of L", "nested n", "[v]", "4294967294", "2.5", "4.0", "3", "hello",
                "bye you from G", "private of G", "anonymous x", "bridged direct", "bridged bridge", "marked",
                "is marker: true", "serializable", "same instance: true", "new instance: true");
    }

    @Test
    void lambdaObjectsAreClassesOfTheJarInsteadOfClassesSpunAtRunTime() throws Exception {
        ClassLoader loader = load(LambdaDesugarer.desugar(fixtureClasses()).entries());
        List<?> functions = (List<?>) loader.loadClass(Lambdas.class.getName()).getMethod("functions").invoke(null);
        Object serializable = loader.loadClass(Lambdas.class.getName()).getMethod("serializable").invoke(null);

        assertThat(Lambdas.functions()).allSatisfy(f -> assertThat(f.getClass().isHidden()).isTrue());
        assertThat(functions).hasSize(6).allSatisfy(f -> {
            assertThat(f.getClass().isHidden()).as("%s", f.getClass()).isFalse();
            assertThat(f.getClass().getClassLoader()).isSameAs(loader);
            assertThat(f.getClass().getName()).contains(".DesugaredLambdas$");
        });
        assertThat(serializable.getClass().isHidden()).as("a serializable lambda stays the JVM's").isTrue();
    }

    @Test
    void noLambdaMetafactoryCallSiteIsLeftButTheSerializableOnes() throws IOException, URISyntaxException {
        Map<String, byte[]> before = fixtureClasses();
        LambdaDesugarer.Desugared after = LambdaDesugarer.desugar(before);

        assertThat(sites(before, LambdaSite.METAFACTORY)).isGreaterThan(30);
        // The two serializable lambdas, and their two sites in the $deserializeLambda$ javac writes for them.
        assertThat(sites(after.entries(), LambdaSite.METAFACTORY)).isEqualTo(4);
        assertThat(after.result().sites()).isEqualTo(sites(before, LambdaSite.METAFACTORY) - 4);
        assertThat(after.result().generated())
                .isEqualTo(after.entries().size() - before.size())
                .isPositive()
                .isLessThan(after.result().sites());
    }

    @Test
    void aJarIsRewrittenInPlaceOfItsEntriesAndASecondRunChangesNothing(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Multi-Release", "true");
        try (OutputStream raw = Files.newOutputStream(in); JarOutputStream jar = new JarOutputStream(raw, manifest)) {
            jar.putNextEntry(new JarEntry("resource.txt"));
            jar.write("kept".getBytes());
            for (Map.Entry<String, byte[]> e : fixtureClasses().entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue());
            }
        }
        Path once = dir.resolve("once.jar");
        Path twice = dir.resolve("twice.jar");

        LambdaDesugarer.Result first = LambdaDesugarer.desugar(in, once);
        LambdaDesugarer.Result second = LambdaDesugarer.desugar(once, twice);

        assertThat(first.sites()).isGreaterThan(30);
        assertThat(second).isEqualTo(new LambdaDesugarer.Result(0, 0, 0, 0));
        try (InputStream raw = Files.newInputStream(once); JarInputStream jar = new JarInputStream(raw)) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Multi-Release")).isEqualTo("true");
            assertThat(jar.getNextJarEntry().getName()).isEqualTo("resource.txt");
            assertThat(new String(jar.readAllBytes())).isEqualTo("kept");
        }
        try (ZipFile jar = new ZipFile(once.toFile())) {
            assertThat(jar.size()).isEqualTo(2 + fixtureClasses().size() + first.generated());
            assertThat(transcript(load(entries(jar)))).isEqualTo(Lambdas.transcript());
        }
        assertThat(Files.readAllBytes(twice)).isEqualTo(Files.readAllBytes(once));
    }

    @Test
    void recordsMethods_answerWhatTheJvmsBootstrapAnswers_withoutItsCallSites() throws Exception {
        Map<String, byte[]> before = fixtureClasses();
        LambdaDesugarer.Desugared after = LambdaDesugarer.desugar(before);
        ClassLoader loader = load(after.entries());
        @SuppressWarnings("unchecked")
        List<String> desugared = (List<String>) loader.loadClass(Records.class.getName()).getMethod("transcript")
                .invoke(null);

        assertThat(desugared).isEqualTo(Records.transcript());
        // Spelled out, so that a transcript both sides got wrong the same way cannot pass.
        assertThat(Records.transcript()).contains(
                "0:Every[z=true, b=-3, c=c, s=300, i=7, j=1099511627776, f=2.5, d=1.5, text=t, array=null, any=null]"
                        + " hash=" + new Records.Every(true, (byte) -3, 'c', (short) 300, 7, 1L << 40, 2.5f, 1.5,
                        "t", null, null).hashCode() + " equals=1100000000000000 null=0 other=0",
                "9:Empty[] hash=0 equals=0000000001100000 null=0 other=0",
                "13:Named a hash=" + "a".hashCode() + " equals=0000000000000110 null=0 other=0",
                "sum 7");
        assertThat(Records.transcript().get(2)).as("NaN equals NaN, as Float.compare has it")
                .contains("equals=0011000000000000");
        assertThat(Records.transcript().get(4)).as("-0.0 is not 0.0").contains("equals=0000100000000000");
        assertThat(Records.transcript().get(6)).as("arrays by identity").endsWith("equals=0000001100000000 null=0"
                + " other=0").startsWith("6:(array)");
        assertThat(sites(before, RecordMethods.OBJECT_METHODS)).as("Every, Empty and Point 3 each, Named 2")
                .isEqualTo(11);
        assertThat(sites(after.entries(), RecordMethods.OBJECT_METHODS)).isZero();
        assertThat(after.result().recordSites()).isEqualTo(11);
    }

    private static Map<String, byte[]> fixtureClasses() throws IOException, URISyntaxException {
        Path root = Path.of(Lambdas.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, byte[]> classes = new TreeMap<>();
        try (Stream<Path> files = Files.list(root.resolve(FIXTURE))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                classes.put(FIXTURE + f.getFileName(), Files.readAllBytes(f));
            }
        }
        return classes;
    }

    private static Map<String, byte[]> entries(ZipFile jar) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (var e : java.util.Collections.list(jar.entries())) {
            try (InputStream in = jar.getInputStream(e)) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    /** The {@code invokedynamic} sites of the classes whose bootstrap method is of {@code bootstrapOwner}. */
    private static int sites(Map<String, byte[]> entries, String bootstrapOwner) {
        int sites = 0;
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            if (!e.getKey().endsWith(".class")) {
                continue;
            }
            ClassNode c = new ClassNode();
            new ClassReader(e.getValue()).accept(c, 0);
            for (MethodNode m : c.methods) {
                for (AbstractInsnNode insn : m.instructions) {
                    if (insn instanceof InvokeDynamicInsnNode indy
                            && indy.bsm.getOwner().equals(bootstrapOwner)) {
                        sites++;
                    }
                }
            }
        }
        return sites;
    }

    @SuppressWarnings("unchecked")
    private static List<String> transcript(ClassLoader loader) throws ReflectiveOperationException {
        return new ArrayList<>((List<String>) loader.loadClass(Lambdas.class.getName())
                .getMethod("transcript").invoke(null));
    }

    /** Defines the given classes itself (verified, as the JVM verifies any class outside the JDK). */
    private static ClassLoader load(Map<String, byte[]> entries) {
        return new ClassLoader(LambdaDesugarerTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                synchronized (getClassLoadingLock(name)) {
                    byte[] bytes = entries.get(name.replace('.', '/') + ".class");
                    if (bytes == null) {
                        return super.loadClass(name, resolve);
                    }
                    Class<?> loaded = findLoadedClass(name);
                    return loaded != null ? loaded : defineClass(name, bytes, 0, bytes.length);
                }
            }
        };
    }
}
