package com.salesconnect.tasksync.desugar;

import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * The adaptations LambdaMetafactory makes between an interface method's types and its implementation's: a cast
 * between references, boxing, unboxing and primitive widening.
 */
final class Conversions {

    private static final Map<Integer, String> WRAPPERS = Map.of(
            Type.BOOLEAN, "java/lang/Boolean", Type.BYTE, "java/lang/Byte", Type.CHAR, "java/lang/Character",
            Type.SHORT, "java/lang/Short", Type.INT, "java/lang/Integer", Type.LONG, "java/lang/Long",
            Type.FLOAT, "java/lang/Float", Type.DOUBLE, "java/lang/Double");
    private static final Map<String, Type> PRIMITIVES = Map.of(
            "java/lang/Boolean", Type.BOOLEAN_TYPE, "java/lang/Byte", Type.BYTE_TYPE,
            "java/lang/Character", Type.CHAR_TYPE, "java/lang/Short", Type.SHORT_TYPE,
            "java/lang/Integer", Type.INT_TYPE, "java/lang/Long", Type.LONG_TYPE,
            "java/lang/Float", Type.FLOAT_TYPE, "java/lang/Double", Type.DOUBLE_TYPE);

    private Conversions() {
    }

    /** Appends the instructions that turn the value of type {@code from} on the stack into a {@code to}. */
    static void convert(InsnList code, Type from, Type to) {
        if (from.equals(to) || to.getSort() == Type.VOID) {
            return;
        }
        boolean fromRef = isReference(from);
        boolean toRef = isReference(to);
        if (fromRef && toRef) {
            if (!to.getInternalName().equals("java/lang/Object")) {
                code.add(new TypeInsnNode(Opcodes.CHECKCAST, to.getInternalName()));
            }
        } else if (toRef) {
            String wrapper = WRAPPERS.get(from.getSort());
            code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, wrapper, "valueOf",
                    "(" + from.getDescriptor() + ")L" + wrapper + ";", false));
            if (!to.getInternalName().equals(wrapper) && !to.getInternalName().equals("java/lang/Object")) {
                code.add(new TypeInsnNode(Opcodes.CHECKCAST, to.getInternalName()));
            }
        } else if (fromRef) {
            Type unboxed = PRIMITIVES.get(from.getInternalName());
            if (unboxed == null) {
                unboxed = to;
                code.add(new TypeInsnNode(Opcodes.CHECKCAST, WRAPPERS.get(to.getSort())));
            }
            String wrapper = WRAPPERS.get(unboxed.getSort());
            code.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, wrapper, unboxed.getClassName() + "Value",
                    "()" + unboxed.getDescriptor(), false));
            widen(code, unboxed, to);
        } else {
            widen(code, from, to);
        }
    }

    static boolean isReference(Type type) {
        return type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY;
    }

    /** int, short, byte, char and boolean: the types the JVM keeps in an int slot. */
    static boolean isIntLike(Type type) {
        int sort = type.getSort();
        return sort == Type.INT || sort == Type.SHORT || sort == Type.BYTE || sort == Type.CHAR
                || sort == Type.BOOLEAN;
    }

    private static void widen(InsnList code, Type from, Type to) {
        if (from.getSort() == to.getSort() || isIntLike(from) && isIntLike(to)) {
            return;
        }
        int target = to.getSort();
        int opcode;
        if (isIntLike(from)) {
            opcode = target == Type.LONG ? Opcodes.I2L : target == Type.FLOAT ? Opcodes.I2F : Opcodes.I2D;
        } else if (from.getSort() == Type.LONG && target != Type.INT) {
            opcode = target == Type.FLOAT ? Opcodes.L2F : Opcodes.L2D;
        } else if (from.getSort() == Type.FLOAT && target == Type.DOUBLE) {
            opcode = Opcodes.F2D;
        } else {
            throw new IllegalArgumentException("no widening conversion from " + from + " to " + to);
        }
        code.add(new InsnNode(opcode));
    }
}
