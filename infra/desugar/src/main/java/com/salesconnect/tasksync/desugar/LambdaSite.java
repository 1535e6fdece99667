package com.salesconnect.tasksync.desugar;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;

/**
 * One lambda or method reference as javac compiles it: an {@code invokedynamic} bootstrapped by LambdaMetafactory,
 * with what the JVM would need to spin its class at run time.
 *
 * @param host         the class the site is in
 * @param code         the instructions of the method the site is in
 * @param captured     the values the call site passes (the {@code invokedynamic}'s parameters)
 * @param functional   the functional interface the site returns
 * @param method       the interface method's name
 * @param erased       the interface method's own descriptor, then its bridges'
 * @param instantiated the interface method's type as the site instantiates it (its generic types filled in)
 * @param implementation what the lambda calls: javac's {@code lambda$} method or the referenced method
 * @param markers      further interfaces the object implements ({@code altMetafactory}'s markers)
 */
record LambdaSite(Host host, InsnList code, InvokeDynamicInsnNode instruction, Type[] captured, String functional, String method,
                  List<Type> erased, Type instantiated, Handle implementation, List<String> markers) {

    static final String METAFACTORY = "java/lang/invoke/LambdaMetafactory";
    private static final int FLAG_SERIALIZABLE = 1;
    private static final int FLAG_MARKERS = 2;
    private static final int FLAG_BRIDGES = 4;

    /**
     * The site of an {@code invokedynamic}, or null when it is no lambda this tool rewrites: another bootstrap
     * (string concatenation, records' methods), or a serializable lambda, whose deserialisation needs the
     * JVM's own {@code SerializedLambda}.
     */
    static LambdaSite of(Host host, InsnList code, InvokeDynamicInsnNode indy) {
        if (!indy.bsm.getOwner().equals(METAFACTORY)) {
            return null;
        }
        Object[] args = indy.bsmArgs;
        List<Type> erased = new ArrayList<>(List.of((Type) args[0]));
        List<String> markers = new ArrayList<>();
        if (indy.bsm.getName().equals("altMetafactory")) {
            int flags = (Integer) args[3];
            if ((flags & FLAG_SERIALIZABLE) != 0) {
                return null;
            }
            int next = 4;
            if ((flags & FLAG_MARKERS) != 0) {
                int count = (Integer) args[next++];
                for (int i = 0; i < count; i++) {
                    markers.add(((Type) args[next++]).getInternalName());
                }
            }
            if ((flags & FLAG_BRIDGES) != 0) {
                int count = (Integer) args[next++];
                for (int i = 0; i < count; i++) {
                    Type bridge = (Type) args[next++];
                    if (!erased.contains(bridge)) {
                        erased.add(bridge);
                    }
                }
            }
        } else if (!indy.bsm.getName().equals("metafactory")) {
            return null;
        }
        Type site = Type.getMethodType(indy.desc);
        return new LambdaSite(host, code, indy, site.getArgumentTypes(), site.getReturnType().getInternalName(), indy.name,
                List.copyOf(erased), (Type) args[2], (Handle) args[1], List.copyOf(markers));
    }

    /**
     * Sites of one package with the same shape share a generated class: same interface, method, bridges and
     * markers.
     */
    String shape() {
        return packageName() + " " + functional + "." + method + erased + markers;
    }

    /** The package of the host, in internal form with its trailing slash ("" for the unnamed package). */
    String packageName() {
        String name = host.name();
        return name.substring(0, name.lastIndexOf('/') + 1);
    }
}
