import AugustCore
