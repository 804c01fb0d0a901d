package io.gridwatch.notify.channel;

import java.io.Serializable;

/** A way to reach a person: a webhook, a DingTalk or WeCom group robot, or the log. */
public interface Channel extends Serializable {

    /**
     * Delivers once, without retrying.
     *
     * @throws DeliveryException when the receiver did not accept the message
     */
    void send(Message message) throws DeliveryException;
}
