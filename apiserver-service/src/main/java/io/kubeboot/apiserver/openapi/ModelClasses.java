package io.kubeboot.apiserver.openapi;

/** Finds the fabric8 list class of a kind class: fabric8 generates {@code <Kind>List} next to it. */
final class ModelClasses {
    private ModelClasses() {
    }

    static Class<?> listClass(Class<?> kindClass) {
        String name = kindClass.getName() + "List";
        try {
            return Class.forName(name, false, kindClass.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no list class " + name + " for " + kindClass.getName(), e);
        }
    }
}
