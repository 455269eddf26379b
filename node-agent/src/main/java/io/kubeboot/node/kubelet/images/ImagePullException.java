package io.kubeboot.node.kubelet.images;

import io.kubeboot.node.kubelet.KubeletException;

/**
 * The image could not be made present: {@link #reason()} is the container's waiting reason ({@code ErrImagePull},
 * {@code ImagePullBackOff}, {@code ErrImageNeverPull}, {@code InvalidImageName}) and the message its message.
 */
public class ImagePullException extends KubeletException {
    public ImagePullException(String reason, String message) {
        super(reason, message);
    }
}
