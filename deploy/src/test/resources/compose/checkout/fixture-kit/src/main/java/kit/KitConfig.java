package kit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "kit")
public interface KitConfig {

    @WithDefault("on")
    String mode();
}
