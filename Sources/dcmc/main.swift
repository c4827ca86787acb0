import DCMCCLI
