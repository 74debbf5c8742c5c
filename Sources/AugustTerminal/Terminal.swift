@preconcurrency import CNcursesw
import AugustUI
