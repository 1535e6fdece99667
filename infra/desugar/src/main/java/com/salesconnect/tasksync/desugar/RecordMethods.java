package com.salesconnect.tasksync.desugar;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InnerClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * A record's {@code equals}, {@code hashCode} and {@code toString} as plain methods of the record.
 *
 * <p>javac compiles each of them to an {@code invokedynamic} that {@code ObjectMethods.bootstrap} links at its first
 * call, from method handles of the record's fields: the first such link in a JVM loads and spins the method handle
 * combinators it needs (about 10 ms of a cold start), and each record's site costs more on top. Each site becomes an
 * {@code invokestatic} of a static method added to the record, of the same descriptor, computing what the bootstrap's
 * method computes: components compared as {@code ==} (primitives; {@code float} and {@code double} by their
 * {@code compare}) or {@code Objects.equals}; the hash {@code 31 * h + hash(component)} from 0; the text
 * {@code Name[a=1, b=x]}, with the record's simple name.
 */
final class RecordMethods {

    static final String OBJECT_METHODS = "java/lang/runtime/ObjectMethods";

    private RecordMethods() {
    }

    /** Rewrites the record's own sites in {@code c}; returns how many it rewrote. */
    static int rewrite(ClassNode c) {
        List<MethodNode> added = new ArrayList<>();
        int rewritten = 0;
        for (MethodNode m : c.methods) {
            List<InvokeDynamicInsnNode> sites = new ArrayList<>();
            for (AbstractInsnNode insn : m.instructions) {
                if (insn instanceof InvokeDynamicInsnNode indy && ofThisRecord(c, indy)) {
                    sites.add(indy);
                }
            }
            for (InvokeDynamicInsnNode indy : sites) {
                String name = "record$" + indy.name;
                if (added.stream().noneMatch(a -> a.name.equals(name))) {
                    added.add(method(c, indy, name));
                }
                m.instructions.set(indy, new MethodInsnNode(Opcodes.INVOKESTATIC, c.name, name, indy.desc, false));
                rewritten++;
            }
        }
        c.methods.addAll(added);
        return rewritten;
    }

    /** A bootstrap of this class, with its fields' getters: anything else is left to the JVM. */
    private static boolean ofThisRecord(ClassNode c, InvokeDynamicInsnNode indy) {
        if (!indy.bsm.getOwner().equals(OBJECT_METHODS) || !indy.bsm.getName().equals("bootstrap")
                || indy.bsmArgs.length < 2 || !(indy.bsmArgs[0] instanceof Type t) || !t.getInternalName().equals(c.name)
                || !(indy.bsmArgs[1] instanceof String)) {
            return false;
        }
        for (int i = 2; i < indy.bsmArgs.length; i++) {
            if (!(indy.bsmArgs[i] instanceof Handle h) || h.getTag() != Opcodes.H_GETFIELD
                    || !h.getOwner().equals(c.name)) {
                return false;
            }
        }
        String self = "L" + c.name + ";";
        return switch (indy.name) {
            case "equals" -> indy.desc.equals("(" + self + "Ljava/lang/Object;)Z");
            case "hashCode" -> indy.desc.equals("(" + self + ")I");
            case "toString" -> indy.desc.equals("(" + self + ")Ljava/lang/String;");
            default -> false;
        };
    }

    private static MethodNode method(ClassNode c, InvokeDynamicInsnNode indy, String name) {
        List<Handle> fields = new ArrayList<>();
        for (int i = 2; i < indy.bsmArgs.length; i++) {
            fields.add((Handle) indy.bsmArgs[i]);
        }
        MethodNode m = new MethodNode(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC, name,
                indy.desc, null, null);
        m.visitCode();
        switch (indy.name) {
            case "equals" -> equalsCode(m, c.name, fields);
            case "hashCode" -> hashCodeCode(m, fields);
            default -> toStringCode(m, simpleName(c), ((String) indy.bsmArgs[1]).split(";", -1), fields);
        }
        m.visitMaxs(0, 0);
        m.visitEnd();
        return m;
    }

    private static void equalsCode(MethodNode m, String owner, List<Handle> fields) {
        Label notSame = new Label();
        Label sameType = new Label();
        Label differ = new Label();
        m.visitVarInsn(Opcodes.ALOAD, 0);
        m.visitVarInsn(Opcodes.ALOAD, 1);
        m.visitJumpInsn(Opcodes.IF_ACMPNE, notSame);
        m.visitInsn(Opcodes.ICONST_1);
        m.visitInsn(Opcodes.IRETURN);
        m.visitLabel(notSame);
        m.visitFrame(Opcodes.F_SAME, 0, null, 0, null);
        m.visitVarInsn(Opcodes.ALOAD, 1);
        m.visitTypeInsn(Opcodes.INSTANCEOF, owner);
        m.visitJumpInsn(Opcodes.IFNE, sameType);
        m.visitInsn(Opcodes.ICONST_0);
        m.visitInsn(Opcodes.IRETURN);
        m.visitLabel(sameType);
        m.visitFrame(Opcodes.F_SAME, 0, null, 0, null);
        m.visitVarInsn(Opcodes.ALOAD, 1);
        m.visitTypeInsn(Opcodes.CHECKCAST, owner);
        m.visitVarInsn(Opcodes.ASTORE, 2);
        for (Handle f : fields) {
            m.visitVarInsn(Opcodes.ALOAD, 0);
            m.visitFieldInsn(Opcodes.GETFIELD, owner, f.getName(), f.getDesc());
            m.visitVarInsn(Opcodes.ALOAD, 2);
            m.visitFieldInsn(Opcodes.GETFIELD, owner, f.getName(), f.getDesc());
            switch (f.getDesc().charAt(0)) {
                case 'Z', 'B', 'C', 'S', 'I' -> m.visitJumpInsn(Opcodes.IF_ICMPNE, differ);
                case 'J' -> {
                    m.visitInsn(Opcodes.LCMP);
                    m.visitJumpInsn(Opcodes.IFNE, differ);
                }
                case 'F' -> {
                    m.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Float", "compare", "(FF)I", false);
                    m.visitJumpInsn(Opcodes.IFNE, differ);
                }
                case 'D' -> {
                    m.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Double", "compare", "(DD)I", false);
                    m.visitJumpInsn(Opcodes.IFNE, differ);
                }
                default -> {
                    m.visitMethodInsn(Opcodes.INVOKESTATIC, "java/util/Objects", "equals",
                            "(Ljava/lang/Object;Ljava/lang/Object;)Z", false);
                    m.visitJumpInsn(Opcodes.IFEQ, differ);
                }
            }
        }
        m.visitInsn(Opcodes.ICONST_1);
        m.visitInsn(Opcodes.IRETURN);
        m.visitLabel(differ);
        m.visitFrame(Opcodes.F_APPEND, 1, new Object[] {owner}, 0, null);
        m.visitInsn(Opcodes.ICONST_0);
        m.visitInsn(Opcodes.IRETURN);
    }

    private static void hashCodeCode(MethodNode m, List<Handle> fields) {
        m.visitInsn(Opcodes.ICONST_0);
        for (Handle f : fields) {
            m.visitIntInsn(Opcodes.BIPUSH, 31);
            m.visitInsn(Opcodes.IMUL);
            m.visitVarInsn(Opcodes.ALOAD, 0);
            m.visitFieldInsn(Opcodes.GETFIELD, f.getOwner(), f.getName(), f.getDesc());
            String desc = f.getDesc();
            switch (desc.charAt(0)) {
                case 'Z' -> hash(m, "java/lang/Boolean", desc);
                case 'B' -> hash(m, "java/lang/Byte", desc);
                case 'C' -> hash(m, "java/lang/Character", desc);
                case 'S' -> hash(m, "java/lang/Short", desc);
                case 'I' -> hash(m, "java/lang/Integer", desc);
                case 'J' -> hash(m, "java/lang/Long", desc);
                case 'F' -> hash(m, "java/lang/Float", desc);
                case 'D' -> hash(m, "java/lang/Double", desc);
                default -> m.visitMethodInsn(Opcodes.INVOKESTATIC, "java/util/Objects", "hashCode",
                        "(Ljava/lang/Object;)I", false);
            }
            m.visitInsn(Opcodes.IADD);
        }
        m.visitInsn(Opcodes.IRETURN);
    }

    private static void hash(MethodNode m, String box, String desc) {
        m.visitMethodInsn(Opcodes.INVOKESTATIC, box, "hashCode", "(" + desc + ")I", false);
    }

    private static void toStringCode(MethodNode m, String simpleName, String[] names, List<Handle> fields) {
        String sb = "java/lang/StringBuilder";
        m.visitTypeInsn(Opcodes.NEW, sb);
        m.visitInsn(Opcodes.DUP);
        m.visitLdcInsn(simpleName + "[");
        m.visitMethodInsn(Opcodes.INVOKESPECIAL, sb, "<init>", "(Ljava/lang/String;)V", false);
        for (int i = 0; i < fields.size(); i++) {
            Handle f = fields.get(i);
            m.visitLdcInsn((i == 0 ? "" : ", ") + names[i] + "=");
            m.visitMethodInsn(Opcodes.INVOKEVIRTUAL, sb, "append", "(Ljava/lang/String;)L" + sb + ";", false);
            m.visitVarInsn(Opcodes.ALOAD, 0);
            m.visitFieldInsn(Opcodes.GETFIELD, f.getOwner(), f.getName(), f.getDesc());
            String arg = switch (f.getDesc().charAt(0)) {
                case 'Z', 'C', 'J', 'F', 'D' -> f.getDesc();
                case 'B', 'S', 'I' -> "I";
                default -> "Ljava/lang/Object;";
            };
            m.visitMethodInsn(Opcodes.INVOKEVIRTUAL, sb, "append", "(" + arg + ")L" + sb + ";", false);
        }
        m.visitLdcInsn("]");
        m.visitMethodInsn(Opcodes.INVOKEVIRTUAL, sb, "append", "(Ljava/lang/String;)L" + sb + ";", false);
        m.visitMethodInsn(Opcodes.INVOKEVIRTUAL, sb, "toString", "()Ljava/lang/String;", false);
        m.visitInsn(Opcodes.ARETURN);
    }

    /** What {@code Class.getSimpleName} answers for the record: its inner name, else its name after the package. */
    private static String simpleName(ClassNode c) {
        for (InnerClassNode inner : c.innerClasses) {
            if (inner.name.equals(c.name) && inner.innerName != null) {
                return inner.innerName;
            }
        }
        return c.name.substring(c.name.lastIndexOf('/') + 1);
    }
}
