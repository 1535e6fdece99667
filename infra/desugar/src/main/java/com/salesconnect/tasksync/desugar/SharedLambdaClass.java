package com.salesconnect.tasksync.desugar;

import com.salesconnect.tasksync.desugar.Host.CallTarget;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The class that stands in for up to {@link #MAX_SITES} lambda sites of one package with one shape (interface,
 * method, bridges, markers), from any of the package's classes. Sharing keeps the jar and the number of classes the
 * JVM loads small: the AWS SDK's model classes hold dozens of getter and setter lambdas each, nearly all of two
 * shapes. An instance knows its site ({@code site}) and holds the site's captured values in fields by kind
 * ({@code r0..}: references, {@code i0..}: int and narrower, {@code j0..}, {@code f0..}, {@code d0..}); the interface
 * method switches on the site. A factory per signature of captured values takes them, then the site's index. A site
 * that captures nothing gets one instance, made when the class initialises, as LambdaMetafactory gives one.
 */
final class SharedLambdaClass {

    /** Sites per class: keeps the interface method's switch and the constant pool far below the JVM's limits. */
    static final int MAX_SITES = 256;

    private static final Type OBJECT = Type.getObjectType("java/lang/Object");
    private static final String KINDS = "rijfd";

    private final String name;
    private final List<LambdaSite> sites;
    private final int[] slots = new int[KINDS.length()];
    private final Map<String, String> factoryByCaptured = new LinkedHashMap<>();

    SharedLambdaClass(String name, List<LambdaSite> sites) {
        if (sites.isEmpty() || sites.size() > MAX_SITES) {
            throw new IllegalArgumentException(sites.size() + " sites for " + name);
        }
        this.name = name;
        this.sites = sites;
        for (LambdaSite site : sites) {
            int[] used = new int[KINDS.length()];
            for (Type captured : site.captured()) {
                used[kind(captured)]++;
            }
            for (int k = 0; k < used.length; k++) {
                slots[k] = Math.max(slots[k], used[k]);
            }
        }
    }

    /**
     * Rewrites every site to call this class, and builds it. Each site's target is asked of its host here, so a
     * host gets its accessors in the order of its sites.
     */
    ClassNode build() {
        List<CallTarget> targets = new ArrayList<>();
        for (int s = 0; s < sites.size(); s++) {
            LambdaSite site = sites.get(s);
            targets.add(site.host().target(site.implementation()));
            String desc = factoryDesc(site);
            String factory = factoryByCaptured.computeIfAbsent(desc, d -> "lambda" + factoryByCaptured.size());
            site.host().replace(site, s, name, factory, desc);
        }
        LambdaSite first = sites.get(0);
        List<String> interfaces = new ArrayList<>();
        interfaces.add(first.functional());
        first.markers().stream().filter(m -> !interfaces.contains(m)).forEach(interfaces::add);
        int version = Opcodes.V1_8;
        for (LambdaSite site : sites) {
            version = Math.max(version, site.host().node().version & 0xFFFF);
        }
        ClassNode c = new ClassNode();
        c.visit(version, Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC, name, null,
                "java/lang/Object", interfaces.toArray(String[]::new));
        Type self = Type.getObjectType(name);
        c.fields.add(new FieldNode(Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL, "site", "I", null, null));
        for (int k = 0; k < slots.length; k++) {
            for (int i = 0; i < slots[k]; i++) {
                c.fields.add(new FieldNode(Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL, field(k, i), fieldType(k)
                        .getDescriptor(), null, null));
            }
        }
        c.methods.add(constructor());
        boolean singletons = sites.stream().anyMatch(site -> site.captured().length == 0);
        if (singletons) {
            c.fields.add(new FieldNode(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL, "instances",
                    "[" + self.getDescriptor(), null, null));
            c.methods.add(classInitialiser());
        }
        for (Map.Entry<String, String> factory : factoryByCaptured.entrySet()) {
            c.methods.add(factory(factory.getValue(), factory.getKey()));
        }
        for (int i = 0; i < first.erased().size(); i++) {
            c.methods.add(interfaceMethod(first.method(), i, targets));
        }
        return c;
    }

    /** An int constant's push, in as few bytes as the value allows. */
    static AbstractInsnNode push(int value) {
        if (value >= -1 && value <= 5) {
            return new InsnNode(Opcodes.ICONST_0 + value);
        }
        if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
            return new IntInsnNode(Opcodes.BIPUSH, value);
        }
        if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
            return new IntInsnNode(Opcodes.SIPUSH, value);
        }
        return new LdcInsnNode(value);
    }

    private static String factoryDesc(LambdaSite site) {
        Type[] params = Arrays.copyOf(site.captured(), site.captured().length + 1);
        params[params.length - 1] = Type.INT_TYPE;
        return Type.getMethodDescriptor(Type.getObjectType(site.functional()), params);
    }

    private String constructorDesc() {
        List<Type> params = new ArrayList<>();
        params.add(Type.INT_TYPE);
        for (int k = 0; k < slots.length; k++) {
            for (int i = 0; i < slots[k]; i++) {
                params.add(fieldType(k));
            }
        }
        return Type.getMethodDescriptor(Type.VOID_TYPE, params.toArray(Type[]::new));
    }

    private MethodNode constructor() {
        MethodNode init = new MethodNode(Opcodes.ACC_PRIVATE, "<init>", constructorDesc(), null, null);
        InsnList code = init.instructions;
        code.add(new VarInsnNode(Opcodes.ALOAD, 0));
        code.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false));
        code.add(new VarInsnNode(Opcodes.ALOAD, 0));
        code.add(new VarInsnNode(Opcodes.ILOAD, 1));
        code.add(new FieldInsnNode(Opcodes.PUTFIELD, name, "site", "I"));
        int local = 2;
        for (int k = 0; k < slots.length; k++) {
            for (int i = 0; i < slots[k]; i++) {
                Type type = fieldType(k);
                code.add(new VarInsnNode(Opcodes.ALOAD, 0));
                code.add(new VarInsnNode(type.getOpcode(Opcodes.ILOAD), local));
                code.add(new FieldInsnNode(Opcodes.PUTFIELD, name, field(k, i), type.getDescriptor()));
                local += type.getSize();
            }
        }
        code.add(new InsnNode(Opcodes.RETURN));
        return init;
    }

    /** The one instance of each site that captures nothing, in {@code instances} at the site's index. */
    private MethodNode classInitialiser() {
        MethodNode clinit = new MethodNode(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
        InsnList code = clinit.instructions;
        code.add(push(sites.size()));
        code.add(new TypeInsnNode(Opcodes.ANEWARRAY, name));
        for (int s = 0; s < sites.size(); s++) {
            if (sites.get(s).captured().length == 0) {
                code.add(new InsnNode(Opcodes.DUP));
                code.add(push(s));
                code.add(new TypeInsnNode(Opcodes.NEW, name));
                code.add(new InsnNode(Opcodes.DUP));
                code.add(push(s));
                defaults(code);
                code.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, name, "<init>", constructorDesc(), false));
                code.add(new InsnNode(Opcodes.AASTORE));
            }
        }
        code.add(new FieldInsnNode(Opcodes.PUTSTATIC, name, "instances", "[L" + name + ";"));
        code.add(new InsnNode(Opcodes.RETURN));
        return clinit;
    }

    /**
     * {@code static F lambdaN(captured..., int site)}: what a site's {@code invokedynamic} was. Every site with
     * this signature of captured values shares it; their fields are laid out the same way.
     */
    private MethodNode factory(String factoryName, String desc) {
        MethodNode factory = new MethodNode(Opcodes.ACC_STATIC, factoryName, desc, null, null);
        InsnList code = factory.instructions;
        Type[] params = Type.getArgumentTypes(desc);
        Type[] captured = Arrays.copyOf(params, params.length - 1);
        int siteLocal = 0;
        for (Type t : captured) {
            siteLocal += t.getSize();
        }
        if (captured.length == 0) {
            code.add(new FieldInsnNode(Opcodes.GETSTATIC, name, "instances", "[L" + name + ";"));
            code.add(new VarInsnNode(Opcodes.ILOAD, 0));
            code.add(new InsnNode(Opcodes.AALOAD));
            code.add(new InsnNode(Opcodes.ARETURN));
            return factory;
        }
        int[] locals = new int[captured.length];
        int local = 0;
        for (int i = 0; i < captured.length; i++) {
            locals[i] = local;
            local += captured[i].getSize();
        }
        int[] slotOf = layout(captured);
        code.add(new TypeInsnNode(Opcodes.NEW, name));
        code.add(new InsnNode(Opcodes.DUP));
        code.add(new VarInsnNode(Opcodes.ILOAD, siteLocal));
        Map<Integer, Integer> captureAt = new LinkedHashMap<>();
        for (int i = 0; i < slotOf.length; i++) {
            captureAt.put(slotOf[i], i);
        }
        for (int k = 0; k < slots.length; k++) {
            for (int i = 0; i < slots[k]; i++) {
                Integer capture = captureAt.get(k * 1000 + i);
                if (capture != null) {
                    code.add(new VarInsnNode(captured[capture].getOpcode(Opcodes.ILOAD), locals[capture]));
                } else {
                    code.add(new InsnNode(DEFAULTS[k]));
                }
            }
        }
        code.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, name, "<init>", constructorDesc(), false));
        code.add(new InsnNode(Opcodes.ARETURN));
        return factory;
    }

    private static final int[] DEFAULTS = {Opcodes.ACONST_NULL, Opcodes.ICONST_0, Opcodes.LCONST_0,
            Opcodes.FCONST_0, Opcodes.DCONST_0};

    private void defaults(InsnList code) {
        for (int k = 0; k < slots.length; k++) {
            for (int i = 0; i < slots[k]; i++) {
                code.add(new InsnNode(DEFAULTS[k]));
            }
        }
    }

    /** Where each captured value goes: kind * 1000 + index within the kind, in the order of the values. */
    private static int[] layout(Type[] captured) {
        int[] used = new int[KINDS.length()];
        int[] slotOf = new int[captured.length];
        for (int i = 0; i < captured.length; i++) {
            int kind = kind(captured[i]);
            slotOf[i] = kind * 1000 + used[kind]++;
        }
        return slotOf;
    }

    /** The interface method (or one of its bridges): per site, the captured values and the arguments, converted. */
    private MethodNode interfaceMethod(String method, int which, List<CallTarget> targets) {
        Type erased = sites.get(0).erased().get(which);
        MethodNode m = new MethodNode(Opcodes.ACC_PUBLIC, method, erased.getDescriptor(), null, null);
        InsnList code = m.instructions;
        boolean shared = sites.size() > 1;
        LabelNode[] labels = new LabelNode[sites.size()];
        if (shared) {
            for (int s = 0; s < labels.length; s++) {
                labels[s] = new LabelNode();
            }
            code.add(new VarInsnNode(Opcodes.ALOAD, 0));
            code.add(new FieldInsnNode(Opcodes.GETFIELD, name, "site", "I"));
            code.add(new TableSwitchInsnNode(0, labels.length - 1, labels[labels.length - 1], labels));
        }
        for (int s = 0; s < sites.size(); s++) {
            if (shared) {
                code.add(labels[s]);
                code.add(new FrameNode(Opcodes.F_SAME, 0, null, 0, null));
            }
            call(code, s, erased, targets.get(s));
        }
        return m;
    }

    private void call(InsnList code, int s, Type erased, CallTarget target) {
        LambdaSite site = sites.get(s);
        Type targetType = Type.getMethodType(target.desc());
        Type[] params = targetType.getArgumentTypes();
        int[] slotOf = layout(site.captured());
        Type[] captured = site.captured();
        for (int i = 0; i < captured.length; i++) {
            int kind = slotOf[i] / 1000;
            Type stored = fieldType(kind);
            code.add(new VarInsnNode(Opcodes.ALOAD, 0));
            code.add(new FieldInsnNode(Opcodes.GETFIELD, name, field(kind, slotOf[i] % 1000), stored.getDescriptor()));
            if (kind == 0) {
                Conversions.convert(code, OBJECT, captured[i]);
            }
            Conversions.convert(code, captured[i], params[i]);
        }
        Type[] args = erased.getArgumentTypes();
        Type[] instantiated = site.instantiated().getArgumentTypes();
        int local = 1;
        for (int i = 0; i < args.length; i++) {
            code.add(new VarInsnNode(args[i].getOpcode(Opcodes.ILOAD), local));
            local += args[i].getSize();
            Conversions.convert(code, args[i], instantiated[i]);
            Conversions.convert(code, instantiated[i], params[captured.length + i]);
        }
        code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, target.owner(), target.name(), target.desc(),
                target.ownerIsInterface()));
        Type returned = targetType.getReturnType();
        Type returns = erased.getReturnType();
        if (returns.getSort() == Type.VOID) {
            if (returned.getSize() > 0) {
                code.add(new InsnNode(returned.getSize() == 2 ? Opcodes.POP2 : Opcodes.POP));
            }
        } else {
            Conversions.convert(code, returned, site.instantiated().getReturnType());
            Conversions.convert(code, site.instantiated().getReturnType(), returns);
        }
        code.add(new InsnNode(returns.getOpcode(Opcodes.IRETURN)));
    }

    private static int kind(Type type) {
        if (Conversions.isReference(type)) {
            return 0;
        }
        if (Conversions.isIntLike(type)) {
            return 1;
        }
        return switch (type.getSort()) {
            case Type.LONG -> 2;
            case Type.FLOAT -> 3;
            default -> 4;
        };
    }

    private static Type fieldType(int kind) {
        return new Type[] {OBJECT, Type.INT_TYPE, Type.LONG_TYPE, Type.FLOAT_TYPE, Type.DOUBLE_TYPE}[kind];
    }

    private static String field(int kind, int index) {
        return KINDS.charAt(kind) + Integer.toString(index);
    }
}
